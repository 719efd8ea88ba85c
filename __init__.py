"""cancu: Vietnamese government documents into a knowledge graph of directives, plans, agencies and tasks.

The pipeline runs text → record → triples → store → query → view, one
subpackage per stage: `cancu.ingest`, `cancu.ontology`, `cancu.queries`, `cancu.viz`.
"""

__version__ = "0.1.0"
