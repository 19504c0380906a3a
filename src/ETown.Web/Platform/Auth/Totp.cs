using QRCoder;

namespace ETown.Web.Platform.Auth;

/// <summary>otpauth:// URI and its QR code for authenticator apps (RFC 6238, SHA-1, 6 digits, 30 s).</summary>
public static class Totp
{
    public static string Uri(string userName, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString("山西乡村e镇")}:{System.Uri.EscapeDataString(userName)}?secret={key}&issuer={System.Uri.EscapeDataString("山西乡村e镇")}&digits=6";

    public static string QrSvg(string text)
    {
        using var gen = new QRCodeGenerator();
        using var data = gen.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
