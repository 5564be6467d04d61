"""The condition vocabulary: how conditions of different sources become one set of nodes that
resolves what people type (names, synonyms, cross-references, abbreviations, lay terms) and that
a query walks down (qualified conditions under their parents).

Modules: ``names`` (the name key), ``tables`` (the hand-maintained TOML tables of
``data/vocabulary/``), ``pool`` (all layers' conditions together), ``equivalence`` (when two
records are one concept), ``hierarchy`` (parents for conditions outside the ontology),
``index`` (the term dictionary for label text), ``qualify`` (indications filed under the
condition their quote names), ``sources`` (the vocabulary straight from the raw files) and
``check`` (``python -m tools.build.vocabulary``: the rules' effect on the packaged layers).
``tools/build/conditions.py`` runs the rules over the built layers.
"""
