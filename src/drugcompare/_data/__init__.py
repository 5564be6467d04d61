"""The data layer: the layer file format, its records, the cattrs reading of them into models,
the layer stores that read packaged and user layers, and the packaged merged index."""
