from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker; the ISO value is what `<input type=date>` expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
