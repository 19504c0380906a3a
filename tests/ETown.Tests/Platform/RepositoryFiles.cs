namespace ETown.Tests.Platform;

/// <summary>Source files of the repository for the scans (rule IDs, error codes); the root is the folder with ETown.slnx.</summary>
static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ETown.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"ETown.slnx not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Files under <paramref name="folder"/> (relative to the root) with one of the extensions, build output skipped.</summary>
    public static IEnumerable<string> Under(string folder, params string[] extensions)
    {
        var start = Path.Combine(Root, folder);
        if (!Directory.Exists(start)) yield break;
        foreach (var file in Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories))
        {
            var rel = Relative(file);
            var parts = rel.Split('/');
            if (parts.Any(p => p is "bin" or "obj" or "node_modules" or "TestResults" or "lib")) continue;
            if (extensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase))) yield return file;
        }
    }

    public static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');
}
