from django import forms


class DateInput(forms.DateInput):
    """The browser's own date picker; the ISO value is what `<input type=date>` expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """The browser's own date-and-time picker (`datetime-local` wants `YYYY-MM-DDTHH:MM`)."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)
