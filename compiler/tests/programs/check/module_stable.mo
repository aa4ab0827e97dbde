// stable is only allowed on actor fields.
module {
  stable let answer = 42;
}
