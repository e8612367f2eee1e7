"""Translating content: the side-by-side editor, reviewer comments, XLIFF 2.0 for translation
agencies, machine translation through a pluggable backend, and the glossary of social-law terms.

The content itself is kept by `core.content`; this app reaches each kind of content only
through its registry (`content.register` in the owning app's `ready()`).
"""
