"""Moving the built graph out: exports for graph tools, the event table, remote stores and SERVICE federation."""
