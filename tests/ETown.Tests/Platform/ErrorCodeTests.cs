using System.Reflection;
using System.Text.RegularExpressions;
using ETown.Web.Platform;

namespace ETown.Tests.Platform;

/// <summary>
/// Issue #9 item 7: each feature keeps its error codes in one *Errors class; no code literal elsewhere in src/,
/// and no code written into a page.
/// </summary>
public partial class ErrorCodeTests
{
    [Fact]
    public void NoErrorCodeLiteral_OutsideTheErrorsClasses()
    {
        var offenders = new List<string>();
        foreach (var file in RepositoryFiles.Under("src", ".cs", ".razor"))
        {
            if (file.EndsWith("Errors.cs", StringComparison.Ordinal)) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                // A code also may not hide inside a longer text (an OpenAPI summary, a page's markup); comments may cite it.
                var hit = lines[i].Contains("\"ETOWN-", StringComparison.Ordinal) || Code().IsMatch(WithoutComment(lines[i]));
                if (hit) offenders.Add($"{RepositoryFiles.Relative(file)}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(offenders.Count == 0,
            "Error codes belong in the feature's *Errors.cs class (e.g. DeclarationErrors.NotFound):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void EveryErrorConstant_IsWellFormed_AndNoCodeIsDefinedTwice()
    {
        var constants = typeof(DomainException).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Errors", StringComparison.Ordinal) && t.IsAbstract && t.IsSealed)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (Name: $"{t.Name}.{f.Name}", Value: (string)f.GetRawConstantValue()!)))
            .Where(c => !c.Name.EndsWith(".Prefix", StringComparison.Ordinal))
            .ToList();
        Assert.True(constants.Count > 80, $"only {constants.Count} error constants found");
        Assert.All(constants, c => Assert.Matches(FullCode(), c.Value));
        var twice = constants.GroupBy(c => c.Value).Where(g => g.Count() > 1)
            .Select(g => g.Key + ": " + string.Join(", ", g.Select(c => c.Name))).ToList();
        Assert.True(twice.Count == 0, "one code, one constant:\n" + string.Join("\n", twice));
    }

    static string WithoutComment(string line)
    {
        var t = line.TrimStart();
        if (t.StartsWith("//", StringComparison.Ordinal) || t.StartsWith('*') || t.StartsWith("/*", StringComparison.Ordinal) || t.StartsWith("@*", StringComparison.Ordinal))
            return "";
        var comment = line.IndexOf(" // ", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }

    [GeneratedRegex(@"ETOWN-[A-Z]+-\d")]
    private static partial Regex Code();

    [GeneratedRegex(@"^ETOWN-[A-Z]+-\d{4}$")]
    private static partial Regex FullCode();
}
