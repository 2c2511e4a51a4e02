from django import forms

from resettle.people.forms import PrisonNumberField

from . import uploads


class MultipleFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """One or more files chosen in one input."""

    widget = MultipleFiles

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(FilesField, self).clean(upload, initial) for upload in files]


class ImportForm(forms.Form):
    files = FilesField(
        label="Files to import",
        error_messages={
            "required": "Select one or more files to import",
            "empty": "The selected file is empty",
        },
    )
    person = PrisonNumberField(label="Prison number these CRDS bookings belong to (optional)")

    def __init__(self, *args, too_large: bool = False, **kwargs):
        """`too_large`: the upload was refused unread (resettle.interop.uploads.SizeLimit)."""
        super().__init__(*args, auto_id="%s", **kwargs)
        self.too_large = too_large
        if too_large:
            self.fields["files"].required = False

    def clean_files(self):
        if self.too_large:
            raise forms.ValidationError(
                f"The selected files must be smaller than {uploads.max_megabytes()} MB in total"
            )
        return self.cleaned_data["files"]
