"""bilateral.graph: from seed articles and curated Turtle to a reasoned RDF dataset."""
