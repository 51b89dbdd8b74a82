"""The refs command line: a thin click layer over the refs library."""
