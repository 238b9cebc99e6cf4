"""Timeline -> text in formats other tools read; one module a format, each returns a str."""
