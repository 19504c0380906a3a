namespace ETown.Web.Platform;

public sealed record IdResult(Guid Id);
