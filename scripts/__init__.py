"""Publishing pipeline of the Valletta Principles: principles.yaml + translations/ -> site/ (and PDFs, data).

Data flows one way: load -> validate -> model -> render -> write. See README.md, "How the data flows".
"""
