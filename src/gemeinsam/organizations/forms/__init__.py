"""The directory's forms, by part: `profiles` (the profile form, in sections, and its inline
rows), `directory` (the search box and the filter panel), `members` (claims, invitations and
members). A valid form hands the services typed input (`OrganizationForm.to_input`), never
itself."""
