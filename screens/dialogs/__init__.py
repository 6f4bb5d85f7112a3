"""Modal dialogs both apps use: confirm, ask, forms, help, save a file, new workshop."""
