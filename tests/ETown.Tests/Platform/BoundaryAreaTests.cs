using System.Globalization;
using ETown.Web.Platform;
using ETown.Web.Platform.Geo;

namespace ETown.Tests.Platform;

public class BoundaryAreaTests
{
    // CGCS2000 / GRS80 ellipsoid
    const double A = 6378137.0, F = 1 / 298.257222101;
    static readonly double E2 = F * (2 - F);

    static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Degrees of latitude and longitude that make 1 km north and 1 km east at the given latitude.</summary>
    static (double dLat, double dLon) OneKm(double latDeg)
    {
        var phi = latDeg * Math.PI / 180;
        var w = Math.Sqrt(1 - E2 * Math.Sin(phi) * Math.Sin(phi));
        var m = A * (1 - E2) / (w * w * w); // meridional radius
        var n = A / w;                       // prime vertical radius
        return (1000 / m * 180 / Math.PI, 1000 / (n * Math.Cos(phi)) * 180 / Math.PI);
    }

    /// <summary>Exact ellipsoidal area (m²) of the lon/lat box bounded by two parallels and two meridians.</summary>
    static double GeodesicBoxArea(double lon1, double lon2, double lat1, double lat2)
    {
        var e = Math.Sqrt(E2);
        var b2 = A * A * (1 - E2);
        double Q(double latDeg)
        {
            var s = Math.Sin(latDeg * Math.PI / 180);
            return s / (1 - E2 * s * s) + 1 / (2 * e) * Math.Log((1 + e * s) / (1 - e * s));
        }
        return b2 * (lon2 - lon1) * Math.PI / 180 / 2 * (Q(lat2) - Q(lat1));
    }

    static string Square(double lon, double lat, double dLon, double dLat) => Inv(
        $"{lon},{lat};{lon + dLon},{lat};{lon + dLon},{lat + dLat};{lon},{lat + dLat};{lon},{lat}");

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void One_km_square_near_Taiyuan_is_one_km2()
    {
        var (dLat, dLon) = OneKm(37.8);
        var r = BoundaryArea.Compute(Square(112.5, 37.8, dLon, dLat));
        Assert.InRange(r.AreaKm2, 0.99, 1.01);
        Assert.Equal(114, r.CentralMeridian);
        Assert.Equal(1m, Math.Round(r.AreaKm2Rounded, 2));
    }

    [Theory]
    [InlineData(111.20, 36.10, 0.05, 0.03)]   // zone CM 111E
    [InlineData(113.55, 37.85, 0.02, 0.02)]   // zone CM 114E
    [InlineData(112.40, 39.00, 0.10, 0.10)]
    public void Lon_lat_box_matches_exact_ellipsoidal_area(double lon, double lat, double dLon, double dLat)
    {
        var exactKm2 = GeodesicBoxArea(lon, lon + dLon, lat, lat + dLat) / 1e6;
        var json = Inv($$"""{"type":"Polygon","coordinates":[[[{{lon}},{{lat}}],[{{lon + dLon}},{{lat}}],[{{lon + dLon}},{{lat + dLat}}],[{{lon}},{{lat + dLat}}],[{{lon}},{{lat}}]]]}""");
        var r = BoundaryArea.Compute(json);
        Assert.InRange(r.AreaKm2 / exactKm2, 0.999, 1.001);
        Assert.Equal(lon + dLon / 2 < 112.5 ? 111 : 114, r.CentralMeridian);
    }

    [Fact]
    public void Feature_collection_with_multipolygon_sums_parts()
    {
        var (dLat, dLon) = OneKm(37.8);
        var p1 = Inv($"[[[112.5,37.8],[{112.5 + dLon},37.8],[{112.5 + dLon},{37.8 + dLat}],[112.5,{37.8 + dLat}],[112.5,37.8]]]");
        var p2 = Inv($"[[[112.6,37.8],[{112.6 + dLon},37.8],[{112.6 + dLon},{37.8 + dLat}],[112.6,{37.8 + dLat}],[112.6,37.8]]]");
        var json = $$$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"e镇"},"geometry":{"type":"MultiPolygon","coordinates":[{{{p1}}},{{{p2}}}]}}]}""";
        var r = BoundaryArea.Compute(json);
        Assert.Equal(2, r.PolygonCount);
        Assert.InRange(r.AreaKm2, 1.98, 2.02);
        var again = BoundaryArea.Compute(BoundaryArea.ToGeoJson(r.Geometry));
        Assert.Equal(r.AreaKm2, again.AreaKm2, 9);
    }

    [Fact]
    public void Polygon_with_hole_subtracts_the_hole()
    {
        var json = """{"type":"Polygon","coordinates":[[[112.5,37.8],[112.54,37.8],[112.54,37.84],[112.5,37.84],[112.5,37.8]],[[112.51,37.81],[112.52,37.81],[112.52,37.82],[112.51,37.82],[112.51,37.81]]]}""";
        var outer = BoundaryArea.Compute("112.5,37.8;112.54,37.8;112.54,37.84;112.5,37.84").AreaKm2;
        var hole = BoundaryArea.Compute("112.51,37.81;112.52,37.81;112.52,37.82;112.51,37.82").AreaKm2;
        Assert.Equal(outer - hole, BoundaryArea.Compute(json).AreaKm2, 6);
    }

    [Fact]
    [Trait("Rule", "DECL-06")]
    public void Self_intersecting_bow_tie_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => BoundaryArea.Compute("112.5,37.8;112.52,37.82;112.52,37.8;112.5,37.82;112.5,37.8"));
        Assert.Equal("ETOWN-GEO-0006", ex.Code);
        Assert.Contains("自相交", ex.Message);
    }

    [Fact]
    public void Unclosed_ring_is_closed()
    {
        var closed = BoundaryArea.Compute("112.5,37.8;112.52,37.8;112.52,37.82;112.5,37.82;112.5,37.8");
        var open = BoundaryArea.Compute("112.5,37.8；112.52,37.8\n112.52，37.82;112.5 37.82");
        Assert.Equal(closed.AreaKm2, open.AreaKm2, 9);
        Assert.Equal(5, open.VertexCount);
        var openJson = BoundaryArea.Compute("""{"type":"Polygon","coordinates":[[[112.5,37.8],[112.52,37.8],[112.52,37.82],[112.5,37.82]]]}""");
        Assert.Equal(closed.AreaKm2, openJson.AreaKm2, 9);
    }

    [Theory]
    [InlineData("116.4,39.9;116.5,39.9;116.5,40.0;116.4,40.0")]                  // Beijing
    [InlineData("112.5,37.8;112.6,37.8;112.6,42.0;112.5,37.9")]                  // one point north of Shanxi
    [InlineData("500000,4200000;501000,4200000;501000,4201000;500000,4201000")] // projected metres
    public void Points_outside_Shanxi_are_refused(string input)
    {
        var ex = Assert.Throws<DomainException>(() => BoundaryArea.Compute(input));
        Assert.Equal("ETOWN-GEO-0005", ex.Code);
        Assert.Contains("山西", ex.Message);
    }

    [Fact]
    public void Swapped_lat_lon_gets_a_hint()
    {
        var ex = Assert.Throws<DomainException>(() => BoundaryArea.Compute("37.8,112.5;37.8,112.52;37.82,112.52;37.82,112.5"));
        Assert.Equal("ETOWN-GEO-0005", ex.Code);
        Assert.Contains("写反", ex.Message);
    }

    [Theory]
    [InlineData("", "ETOWN-GEO-0001")]
    [InlineData("112.5,37.8;112.6,37.8;112.5,37.8", "ETOWN-GEO-0004")]      // 2 distinct points
    [InlineData("112.5,37.8;112.6,abc;112.6,37.9", "ETOWN-GEO-0003")]
    [InlineData("112.5,37.8,112.6", "ETOWN-GEO-0003")]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[112.5,37.8]}", "ETOWN-GEO-0002")]
    [InlineData("{\"type\":\"Polygon\"", "ETOWN-GEO-0002")]
    [InlineData("112.5,37.8;112.6,37.8;112.7,37.8", "ETOWN-GEO-0006")]      // collinear
    public void Bad_input_gets_a_coded_chinese_error(string input, string code)
    {
        var ex = Assert.Throws<DomainException>(() => BoundaryArea.Compute(input));
        Assert.Equal(code, ex.Code);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ex.Message);
    }

    [Fact]
    public void Flat_number_list_is_paired()
    {
        var a = BoundaryArea.Compute("112.5,37.8,112.52,37.8,112.52,37.82,112.5,37.82").AreaKm2;
        var b = BoundaryArea.Compute("112.5,37.8;112.52,37.8;112.52,37.82;112.5,37.82").AreaKm2;
        Assert.Equal(b, a, 9);
    }
}
