using ETown.Web.Platform.Data;

namespace ETown.Tests.Platform;

/// <summary>The time-ordered ids of rows written in bulk (issue #16 target 3).</summary>
public sealed class SequentialIdsTests
{
    [Fact]
    public void AnId_IsVersion7_WithTheRfcVariant_AndCarriesItsMillisecond()
    {
        var at = new DateTimeOffset(2026, 12, 5, 8, 30, 15, 123, TimeSpan.Zero);
        var id = SequentialIds.New(at);
        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2); // RFC 9562 variant: 10xx
        var bytes = id.ToByteArray(bigEndian: true);
        var ms = 0L;
        for (var i = 0; i < 6; i++) ms = (ms << 8) | bytes[i];
        Assert.Equal(at.ToUnixTimeMilliseconds(), ms);
    }

    [Fact]
    public void Ids_OfLaterMilliseconds_SortAfter_AsTextAndAsBytes()
    {
        // SQLite stores a Guid as its text, PostgreSQL as a uuid compared byte by byte: both orders must follow time.
        var t = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 300).Select(i => SequentialIds.New(t.AddMilliseconds(i * 7))).ToList();
        Assert.Equal(ids.Select(i => i.ToString().ToUpperInvariant()).Order(StringComparer.Ordinal), ids.Select(i => i.ToString().ToUpperInvariant()));
        Assert.Equal(ids.Order(Comparer<Guid>.Create((a, b) => a.ToByteArray(true).AsSpan().SequenceCompareTo(b.ToByteArray(true)))), ids);
    }

    [Fact]
    public void ManyIds_InOneMillisecond_AreDistinct_AcrossRefillsOfTheRandomBlock()
    {
        var t = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 50_000).Select(_ => SequentialIds.New(t)).ToList(); // ~120 refills of the 4 KB block
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
