// A text literal with byte escapes is a Blob literal at type Blob, whatever its bytes;
// at type Text its bytes must be UTF-8 (M0049).
actor {
  let raw : Blob = "\00\ff\41";
  let utf8 : Blob = "h\c3\a9";
  let bad : Text = "caf\e9";
  public query func bytes() : async Blob { raw };
};
