"""A machine-translation backend for tests only (never shipped): it writes the target language
before each text and puts the glossary's terms in, so a test sees both that a machine wrote the
text and that it received the glossary. It calls no service."""

from gemeinsam.translations.machine import Backend, MachineTranslationError


class PrefixBackend(Backend):
    name = "prefix"
    calls: list[dict] = []

    def translate(self, texts, *, source, target, glossary):
        PrefixBackend.calls.append(
            {"texts": list(texts), "source": source, "target": target, "glossary": dict(glossary)}
        )
        if self.options.get("fail"):
            raise MachineTranslationError("the service is not reachable")
        out = []
        for text in texts:
            for term, translated in glossary.items():
                text = text.replace(term, translated)
            out.append(f"[{target}] {text}")
        return out
