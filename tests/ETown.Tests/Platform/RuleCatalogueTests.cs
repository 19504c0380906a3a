using System.Reflection;
using System.Text.RegularExpressions;

namespace ETown.Tests.Platform;

/// <summary>
/// Issue #9 item 6: rule IDs in one spelling everywhere, and docs/rules.md in step with the catalogue and the
/// tests' <c>[Trait("Rule", "…")]</c>. Reads only the repository (docs/rules.md, src/, tests/, docs/) and this
/// assembly.
/// </summary>
public partial class RuleCatalogueTests
{
    sealed record Row(string Id, string Status);

    static readonly string RulesFile = Path.Combine(RepositoryFiles.Root, "docs", "rules.md");
    static readonly Lazy<List<Row>> Rows = new(ReadRows);
    static readonly Lazy<HashSet<string>> CatalogueIds = new(ReadCatalogueIds);
    static readonly Lazy<Dictionary<string, List<string>>> Traits = new(ReadTraits);

    [Fact]
    public void RulesMd_ListsEveryCatalogueId_OnceAndNothingElse()
    {
        var ids = Rows.Value.Select(r => r.Id).ToList();
        Assert.True(CatalogueIds.Value.Count >= 100, $"the catalogue ID list in docs/rules.md has only {CatalogueIds.Value.Count} IDs");
        Assert.Equal([], ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList());
        var missing = CatalogueIds.Value.Except(ids).Order().ToList();
        Assert.True(missing.Count == 0, "docs/rules.md has no table row for: " + string.Join(", ", missing));
        var extra = ids.Except(CatalogueIds.Value).Order().ToList();
        Assert.True(extra.Count == 0, "docs/rules.md has rows for IDs that are not in its catalogue ID list: " + string.Join(", ", extra));
    }

    [Fact]
    public void EveryTestedRule_HasATestCarryingItsTrait()
    {
        var untested = Rows.Value.Where(r => r.Status == "tested" && !Traits.Value.ContainsKey(r.Id)).Select(r => r.Id).ToList();
        Assert.True(untested.Count == 0,
            "docs/rules.md marks these rules tested, but no test carries [Trait(\"Rule\", id)]: " + string.Join(", ", untested));
    }

    [Fact]
    public void EveryRuleTrait_NamesARuleOfRulesMd_MarkedTested()
    {
        var status = Rows.Value.ToDictionary(r => r.Id, r => r.Status);
        var wrong = Traits.Value
            .Where(t => !status.TryGetValue(t.Key, out var s) || s != "tested")
            .Select(t => $"{t.Key} ({(status.TryGetValue(t.Key, out var s) ? "marked " + s : "not in docs/rules.md")}): {string.Join(", ", t.Value.Take(3))}")
            .ToList();
        Assert.True(wrong.Count == 0, "Rule traits out of step with docs/rules.md:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void RuleIds_AreSpelledOneWay_InSrcTestsAndDocs()
    {
        var known = Rows.Value.Select(r => r.Id).ToHashSet();
        var prefixes = known.Select(i => i[..i.IndexOf('-')]).Distinct().ToList();
        var numbered = string.Join("|", prefixes.Where(p => known.Any(i => i.StartsWith(p + "-", StringComparison.Ordinal) && char.IsDigit(i[p.Length + 1]))));
        var named = known.Where(i => !char.IsDigit(i[i.IndexOf('-') + 1])).ToList();
        var named1 = string.Join("|", named.Select(i => i[..i.IndexOf('-')]).Distinct());
        var named2 = string.Join("|", named.Select(i => i[(i.IndexOf('-') + 1)..]));
        // Any spelling of a numbered ID: prefix in any case, optional hyphen, space or underscore, 1–3 digits
        // (four digits are error codes such as ETOWN-DECL-0001).
        var anyNumbered = new Regex($@"(?<![A-Za-z0-9])(?i:({numbered}))([-_ ]?)(\d{{1,3}})(?![0-9])");
        var anyNamed = new Regex($@"(?<![A-Za-z0-9])(?i:({named1}))([-_ ]?)(?i:({named2}))(?![A-Za-z0-9])");

        var files = RepositoryFiles.Under("src", ".cs", ".razor", ".js", ".css", ".json")
            .Concat(RepositoryFiles.Under("tests", ".cs"))
            .Concat(RepositoryFiles.Under("docs", ".md"))
            .Where(f => f != RulesFile && !f.EndsWith(nameof(RuleCatalogueTests) + ".cs", StringComparison.Ordinal));
        var offenders = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            var isCode = file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal);
            for (var n = 0; n < lines.Length; n++)
            {
                foreach (Match m in anyNumbered.Matches(lines[n]))
                {
                    var prefix = m.Groups[1].Value;
                    var sep = m.Groups[2].Value;
                    var digits = m.Groups[3].Value;
                    var upper = prefix == prefix.ToUpperInvariant();
                    var canonical = $"{prefix.ToUpperInvariant()}-{digits}";
                    string? problem = null;
                    if (upper && sep == "-")
                    {
                        if (digits.Length != 2) problem = "two digits";
                        else if (!known.Contains(canonical)) problem = "not an ID of docs/rules.md";
                    }
                    else if (!upper && sep == "" && IsIdentifier(prefix) && (isCode || NameGoesOn(lines[n], m))) { } // C# names: Std33_…, decl02
                    else if (!upper && sep == " ") { } // ordinary words ("plan 2", "Std 1" does not occur)
                    else problem = "spell it " + $"{prefix.ToUpperInvariant()}-{digits.PadLeft(2, '0')}";
                    if (problem is not null) offenders.Add($"{RepositoryFiles.Relative(file)}:{n + 1}: “{m.Value}” ({problem})");
                }
                foreach (Match m in anyNamed.Matches(lines[n]))
                {
                    var canonical = $"{m.Groups[1].Value.ToUpperInvariant()}-{m.Groups[3].Value.ToUpperInvariant()}";
                    if (m.Value != canonical && known.Contains(canonical) && !(m.Groups[2].Value == "" && IsIdentifier(m.Groups[1].Value) && (isCode || NameGoesOn(lines[n], m))))
                        offenders.Add($"{RepositoryFiles.Relative(file)}:{n + 1}: “{m.Value}” (spell it {canonical})");
                }
            }
        }
        Assert.True(offenders.Count == 0, "Rule IDs are spelled like FUND-03, STD-33, SVC-STAT (docs/rules.md):\n" + string.Join("\n", offenders));
    }

    /// <summary>A prefix as C# writes it in a name, where a hyphen cannot stand: Pascal (Std33_…) or camel case (decl02).</summary>
    static bool IsIdentifier(string prefix) =>
        prefix[1..].All(char.IsLower) && (char.IsLower(prefix[0]) || char.IsUpper(prefix[0]));

    /// <summary>In prose a test name is cited as `Class.Std33_Output_…`: the ID part is followed by an underscore.</summary>
    static bool NameGoesOn(string line, Match m) => m.Index + m.Length < line.Length && line[m.Index + m.Length] == '_';

    static List<Row> ReadRows()
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(RulesFile))
        {
            var m = TableRow().Match(line);
            if (m.Success) rows.Add(new(m.Groups[1].Value, m.Groups[2].Value));
        }
        Assert.NotEmpty(rows);
        return rows;
    }

    static HashSet<string> ReadCatalogueIds()
    {
        var text = File.ReadAllText(RulesFile);
        var start = text.IndexOf("## Catalogue ID list", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/rules.md has no “## Catalogue ID list” section");
        var open = text.IndexOf("```text", start, StringComparison.Ordinal);
        var close = text.IndexOf("```", open + 7, StringComparison.Ordinal);
        Assert.True(open >= 0 && close > open, "the catalogue ID list is a ```text block");
        return text[(open + 7)..close].Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    }

    /// <summary>Rule ID → test methods carrying [Trait("Rule", id)], read from the compiled tests.</summary>
    static Dictionary<string, List<string>> ReadTraits()
    {
        var traits = new Dictionary<string, List<string>>();
        foreach (var type in typeof(RuleCatalogueTests).Assembly.GetTypes())
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        foreach (var a in method.GetCustomAttributesData())
        {
            if (a.AttributeType != typeof(TraitAttribute) || a.ConstructorArguments.Count != 2) continue;
            if (a.ConstructorArguments[0].Value as string != "Rule") continue;
            var id = (string)a.ConstructorArguments[1].Value!;
            if (!traits.TryGetValue(id, out var list)) traits[id] = list = [];
            list.Add($"{type.Name}.{method.Name}");
        }
        return traits;
    }

    [GeneratedRegex(@"^\| ([A-Z]+-[A-Z0-9]+) \| .* \| (tested|built|not yet) \| .*\|\s*$")]
    private static partial Regex TableRow();
}
