namespace ETown.Web.Features.Archives;

/// <summary>Stable error codes of 档案管理 (ETOWN-ARCH-*, ARCH-01). Never change a published value, only add.</summary>
public static class ArchivesErrors
{
    /// <summary>保管期限未满，档案不能删除</summary>
    public const string RetentionNotEnded = "ETOWN-ARCH-0001";
    /// <summary>档案清单中没有该条目（或已停用）</summary>
    public const string UnknownItem = "ETOWN-ARCH-0002";
    /// <summary>统一标识照片只接受 JPG/PNG 图片</summary>
    public const string NotAnImage = "ETOWN-ARCH-0003";
    /// <summary>文件日期、设立日期无效（晚于今天）</summary>
    public const string BadDate = "ETOWN-ARCH-0004";
    /// <summary>档案清单条目无效（标题、依据条款、保管期限）</summary>
    public const string BadChecklistItem = "ETOWN-ARCH-0005";
    /// <summary>档案清单条目已被他人修改</summary>
    public const string StaleChecklistItem = "ETOWN-ARCH-0006";
}
