"""What the catalog's messages and docs claim, shared by the v0.4 and v0.2 checks."""

from __future__ import annotations

# v0.2 classes that messages and docs name in backticks; the v0.2 check proves they exist.
V02_CLASSES = frozenset(
    {
        "AgentBuilder",
        "AgentOptimizer",
        "RetrieveAssistantAgent",
        "RetrieveUserProxyAgent",
        "Teachability",
        "TransformMessages",
        "VisionCapability",
    }
)
