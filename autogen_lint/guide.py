"""The migration guide's sections: every link anchor must be one of these."""

from __future__ import annotations

SECTIONS: dict[str, str] = {
    "whats-in-this-guide": "What's in this guide?",
    "model-client": "Model Client",
    "model-client-for-openai-compatible-apis": "Model Client for OpenAI-Compatible APIs",
    "model-client-cache": "Model Client Cache",
    "assistant-agent": "Assistant Agent",
    "multi-modal-agent": "Multi-Modal Agent",
    "user-proxy": "User Proxy",
    "rag-agent": "RAG Agent",
    "conversable-agent-and-register-reply": "Conversable Agent and Register Reply",
    "save-and-load-agent-state": "Save and Load Agent State",
    "two-agent-chat": "Two-Agent Chat",
    "tool-use": "Tool Use",
    "chat-result": "Chat Result",
    "conversion-between-v02-and-v04-messages": "Conversion between v0.2 and v0.4 Messages",
    "group-chat": "Group Chat",
    "group-chat-with-resume": "Group Chat with Resume",
    "save-and-load-group-chat-state": "Save and Load Group Chat State",
    "group-chat-with-tool-use": "Group Chat with Tool Use",
    "group-chat-with-custom-selector-stateflow": "Group Chat with Custom Selector (Stateflow)",
    "nested-chat": "Nested Chat",
    "sequential-chat": "Sequential Chat",
    "gptassistantagent": "GPTAssistantAgent",
    "long-context-handling": "Long Context Handling",
    "observability-and-control": "Observability and Control",
    "code-executors": "Code Executors",
}

MAF_GUIDE_URL = "https://learn.microsoft.com/agent-framework/migration-guide/from-autogen"
"""The AutoGen -> Agent Framework migration guide; its sub-anchors change between releases, so links use these."""

MAF_SECTIONS: dict[str, str] = {
    "key-similarities-and-differences": "Key Similarities and Differences",
    "model-client-creation-and-configuration": "Model Client Creation and Configuration",
    "single-agent-feature-mapping": "Single-Agent Feature Mapping",
    "multi-agent-feature-mapping": "Multi-Agent Feature Mapping",
    "observability": "Observability",
}


def section_title(anchor: str) -> str:
    """The heading of a section of either guide."""
    return SECTIONS.get(anchor) or MAF_SECTIONS[anchor]
