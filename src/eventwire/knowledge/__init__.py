"""Knowledge the pipeline needs: gazetteer, taxonomies, actor dictionary, lexicons (data files)."""
