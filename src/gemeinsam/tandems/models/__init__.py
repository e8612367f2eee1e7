from .calls import (
    ApplicationDocument,
    TandemApplication,
    TandemCall,
    _document_storage,
    can_receive_money,
    document_path,
    document_storage,
)
from .tandems import Evaluation, Goal, Milestone, Tandem

__all__ = [
    "ApplicationDocument",
    "Evaluation",
    "Goal",
    "Milestone",
    "Tandem",
    "TandemApplication",
    "TandemCall",
    "_document_storage",
    "can_receive_money",
    "document_path",
    "document_storage",
]
