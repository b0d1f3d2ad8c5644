"""The pipeline's single error type."""


class PipelineError(Exception):
    """A problem the user must fix; carries every problem found, one `file:line: message` each."""

    def __init__(self, problems):
        if isinstance(problems, str):
            problems = [problems]
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))

    def __reduce__(self):  # pickled with its problems, not their joined text (scripts/parallel.py sends it)
        return PipelineError, (self.problems,)
