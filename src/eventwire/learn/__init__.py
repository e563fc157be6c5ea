"""The learned second layer of `eventwire classify` (see docs/classify-model.md)."""
