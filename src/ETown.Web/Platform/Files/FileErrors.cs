namespace ETown.Web.Platform.Files;

/// <summary>
/// Stable error codes of 附件存储（ETOWN-FILE-*）. API clients and tests branch on these values: never change one,
/// only add. The only place in src/ where an ETOWN- code is written (source scan in ErrorCodeTests).
/// </summary>
public static class FileErrors
{
    /// <summary>文件名为空或过长</summary>
    public const string NameInvalid = "ETOWN-FILE-0001";
    /// <summary>文件类型不在允许之列</summary>
    public const string TypeNotAllowed = "ETOWN-FILE-0002";
    /// <summary>文件过大</summary>
    public const string TooLarge = "ETOWN-FILE-0003";
    /// <summary>文件为空</summary>
    public const string Empty = "ETOWN-FILE-0004";
    /// <summary>文件内容与扩展名不符</summary>
    public const string ContentMismatch = "ETOWN-FILE-0005";
    /// <summary>文件哈希不符（被篡改或损坏）</summary>
    public const string Tampered = "ETOWN-FILE-0006";
}
