"""The one error the notebook steps raise."""


class NotebookError(ValueError):
    """A chapter that cannot be turned into notebooks; the message names the chapter and cell."""
