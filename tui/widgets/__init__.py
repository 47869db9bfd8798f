"""Dashboard widgets: line-rendered lists, the reader and the frames around them."""
