namespace ETown.Web.Platform.Attachments;

/// <summary>The attachment store's error codes (ETOWN-FILE-*); the values are part of the API and never change.</summary>
public static class AttachmentErrors
{
    public const string BadName = "ETOWN-FILE-0001";
    public const string TypeNotAllowed = "ETOWN-FILE-0002";
    public const string TooLarge = "ETOWN-FILE-0003";
    public const string Empty = "ETOWN-FILE-0004";
    public const string ContentMismatch = "ETOWN-FILE-0005";
    public const string Tampered = "ETOWN-FILE-0006";
    public const string InflatesTooLarge = "ETOWN-FILE-0007";

    internal static DomainException Rejected(string code, string message) => new(code, message, 400);
}
