using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace ETown.Web.Platform.Geo;

/// <summary>Result of <see cref="BoundaryArea.Compute"/>: the area in km² and how it was obtained.</summary>
/// <param name="AreaKm2">Area on the CGCS2000 Gauss-Krüger plane, km² (not rounded).</param>
/// <param name="CentralMeridian">111 or 114 (3-degree zone chosen by the centroid).</param>
/// <param name="Crs">Name of the projected CRS used, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547)".</param>
/// <param name="CentroidLon">Centroid longitude (WGS84/CGCS2000 degrees).</param>
/// <param name="CentroidLat">Centroid latitude.</param>
/// <param name="PolygonCount">Number of polygons (parts).</param>
/// <param name="VertexCount">Number of vertices as entered (rings closed).</param>
/// <param name="Geometry">The validated polygon/multipolygon in lon/lat (x = longitude).</param>
public sealed record BoundaryAreaResult(
    double AreaKm2, int CentralMeridian, string Crs, double CentroidLon, double CentroidLat,
    int PolygonCount, int VertexCount, Geometry Geometry)
{
    /// <summary>Area rounded to 4 decimals (0.0001 km² = 100 m²), as decimal for comparison with the form.</summary>
    public decimal AreaKm2Rounded => Math.Round((decimal)AreaKm2, 4);
}

/// <summary>
/// Area of an e-town boundary (issue 3 item 4, DECL-06). Input is a GeoJSON Polygon / MultiPolygon (bare, or in a
/// Feature / FeatureCollection / GeometryCollection) in WGS84 lon/lat, or a plain list "经度,纬度;经度,纬度;…"
/// typed by a county official. Rings are closed when open; the polygon must be valid (no self-intersection) and
/// lie in Shanxi (lon 110–115°E, lat 34–41°N). The area is computed on the CGCS2000 3-degree Gauss-Krüger plane
/// whose central meridian (111°E or 114°E) is nearest the centroid. WGS84 and CGCS2000 coordinates differ by
/// centimetres, so no datum shift is applied. Errors are <see cref="DomainException"/> ETOWN-GEO-000N in Chinese.
/// </summary>
public static class BoundaryArea
{
    public const double MinLon = 110, MaxLon = 115, MinLat = 34, MaxLat = 41;

    /// <summary>Edges longer than this (degrees) are densified before projection so they follow the lon/lat line.</summary>
    const double DensifyDegrees = 0.002;

    static readonly GeometryFactory Factory = new(new PrecisionModel(), 4490);

    static readonly Lazy<ICoordinateTransformation> Gk111 = new(() => Transformation(111, 4546));
    static readonly Lazy<ICoordinateTransformation> Gk114 = new(() => Transformation(114, 4547));

    /// <summary>Parses (GeoJSON or coordinate list), validates and measures. Throws <see cref="DomainException"/>.</summary>
    public static BoundaryAreaResult Compute(string? input)
    {
        var geometry = Parse(input);
        return Measure(geometry);
    }

    /// <summary>True for text that looks like GeoJSON (starts with '{'), false for a coordinate list.</summary>
    public static bool LooksLikeGeoJson(string? input) => input is not null && input.TrimStart().StartsWith('{');

    /// <summary>Parses and validates; returns a valid Polygon or MultiPolygon in lon/lat.</summary>
    public static Geometry Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
            throw Error(GeoErrors.Empty, "边界为空：请上传 GeoJSON 多边形，或按“经度,纬度;经度,纬度;…”的格式填写边界坐标。");
        var rings = LooksLikeGeoJson(input) ? ParseGeoJson(input) : [[ParseCoordinateList(input)]];
        return Build(rings);
    }

    /// <summary>Validates a lon/lat polygon and computes its projected area.</summary>
    public static BoundaryAreaResult Measure(Geometry geometry)
    {
        Validate(geometry);
        var centroid = geometry.Centroid;
        var cm = centroid.X < 112.5 ? 111 : 114;
        var transform = cm == 111 ? Gk111.Value : Gk114.Value;
        var projected = Densify(geometry);
        projected.Apply(new ProjectFilter(transform.MathTransform));
        projected.GeometryChanged();
        var area = projected.Area / 1_000_000d;
        if (!(area > 0))
            throw Error(GeoErrors.ZeroArea, "边界面积为零：请检查坐标是否重复或共线。");
        var parts = geometry.NumGeometries;
        return new BoundaryAreaResult(area, cm,
            $"CGCS2000 / 3-degree Gauss-Kruger CM {cm}E (EPSG:{(cm == 111 ? 4546 : 4547)})",
            centroid.X, centroid.Y, parts, geometry.NumPoints, geometry);
    }

    /// <summary>Writes a Polygon / MultiPolygon as a GeoJSON geometry object (lon/lat), e.g. to store a typed list.</summary>
    public static string ToGeoJson(Geometry geometry)
    {
        var sb = new StringBuilder();
        void Ring(LineString ring)
        {
            sb.Append('[');
            for (var i = 0; i < ring.NumPoints; i++)
            {
                if (i > 0) sb.Append(',');
                var c = ring.GetCoordinateN(i);
                sb.Append('[').Append(c.X.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                  .Append(c.Y.ToString("R", CultureInfo.InvariantCulture)).Append(']');
            }
            sb.Append(']');
        }
        void Poly(Polygon p)
        {
            sb.Append('[');
            Ring(p.ExteriorRing);
            foreach (var hole in p.InteriorRings) { sb.Append(','); Ring(hole); }
            sb.Append(']');
        }
        switch (geometry)
        {
            case Polygon p:
                sb.Append("{\"type\":\"Polygon\",\"coordinates\":"); Poly(p); sb.Append('}');
                break;
            case MultiPolygon mp:
                sb.Append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
                for (var i = 0; i < mp.NumGeometries; i++) { if (i > 0) sb.Append(','); Poly((Polygon)mp.GetGeometryN(i)); }
                sb.Append("]}");
                break;
            default:
                throw Error(GeoErrors.BadGeoJson, $"不支持的几何类型：{geometry.GeometryType}，边界必须是多边形（Polygon）或多多边形（MultiPolygon）。");
        }
        return sb.ToString();
    }

    // ---- parsing ---------------------------------------------------------------------------------------

    /// <summary>Polygons as lists of rings (first = exterior); each ring a list of (lon, lat).</summary>
    static List<List<List<(double Lon, double Lat)>>> ParseGeoJson(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e)
        {
            throw Error(GeoErrors.BadGeoJson, $"GeoJSON 格式错误：{e.Message}");
        }
        using (doc)
        {
            var polygons = new List<List<List<(double, double)>>>();
            Collect(doc.RootElement, polygons, 0);
            if (polygons.Count == 0)
                throw Error(GeoErrors.BadGeoJson, "GeoJSON 中没有多边形：边界必须是 Polygon 或 MultiPolygon（可包在 Feature / FeatureCollection 中）。");
            return polygons;
        }
    }

    static void Collect(JsonElement e, List<List<List<(double, double)>>> polygons, int depth)
    {
        if (depth > 8 || e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("type", out var typeEl) || typeEl.ValueKind != JsonValueKind.String)
            throw Error(GeoErrors.BadGeoJson, "GeoJSON 格式错误：缺少 \"type\" 成员。");
        var type = typeEl.GetString();
        switch (type)
        {
            case "FeatureCollection":
                if (!e.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                    throw Error(GeoErrors.BadGeoJson, "GeoJSON 格式错误：FeatureCollection 缺少 \"features\" 数组。");
                foreach (var f in features.EnumerateArray()) Collect(f, polygons, depth + 1);
                break;
            case "Feature":
                if (!e.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object)
                    throw Error(GeoErrors.BadGeoJson, "GeoJSON 格式错误：Feature 缺少 \"geometry\"。");
                Collect(g, polygons, depth + 1);
                break;
            case "GeometryCollection":
                if (!e.TryGetProperty("geometries", out var geoms) || geoms.ValueKind != JsonValueKind.Array)
                    throw Error(GeoErrors.BadGeoJson, "GeoJSON 格式错误：GeometryCollection 缺少 \"geometries\" 数组。");
                foreach (var x in geoms.EnumerateArray()) Collect(x, polygons, depth + 1);
                break;
            case "Polygon":
                polygons.Add(PolygonCoords(Coordinates(e)));
                break;
            case "MultiPolygon":
                var multi = Coordinates(e);
                foreach (var p in multi.EnumerateArray()) polygons.Add(PolygonCoords(p));
                break;
            default:
                throw Error(GeoErrors.BadGeoJson, $"不支持的几何类型：{type}，边界必须是多边形（Polygon）或多多边形（MultiPolygon）。");
        }
    }

    static JsonElement Coordinates(JsonElement e) =>
        e.TryGetProperty("coordinates", out var c) && c.ValueKind == JsonValueKind.Array
            ? c : throw Error(GeoErrors.BadGeoJson, "GeoJSON 格式错误：几何对象缺少 \"coordinates\" 数组。");

    static List<List<(double, double)>> PolygonCoords(JsonElement polygon)
    {
        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
            throw Error(GeoErrors.BadGeoJson, "GeoJSON 格式错误：多边形的坐标应为环的数组 [[[经度,纬度],…]]。");
        var rings = new List<List<(double, double)>>();
        foreach (var ring in polygon.EnumerateArray())
        {
            if (ring.ValueKind != JsonValueKind.Array)
                throw Error(GeoErrors.BadGeoJson, "GeoJSON 格式错误：环应为坐标点的数组。");
            var points = new List<(double, double)>();
            foreach (var pt in ring.EnumerateArray())
            {
                if (pt.ValueKind != JsonValueKind.Array || pt.GetArrayLength() < 2
                    || pt[0].ValueKind != JsonValueKind.Number || pt[1].ValueKind != JsonValueKind.Number)
                    throw Error(GeoErrors.BadGeoJson, "GeoJSON 格式错误：坐标点应为 [经度, 纬度] 数值数组。");
                points.Add((pt[0].GetDouble(), pt[1].GetDouble()));
            }
            rings.Add(points);
        }
        return rings;
    }

    static readonly char[] PointSeparators = [';', '；', '\n', '\r', '|'];
    static readonly char[] NumberSeparators = [',', '，', ' ', '\t', '\u3000', '、'];

    /// <summary>"112.5,37.8;112.51,37.8;…" (also ；, newlines, Chinese commas, or a flat list of numbers).</summary>
    static List<(double, double)> ParseCoordinateList(string text)
    {
        var points = new List<(double, double)>();
        var parts = text.Split(PointSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 1)
        {
            // A flat list "lon,lat,lon,lat,…": pair the numbers up.
            var numbers = parts[0].Split(NumberSeparators, StringSplitOptions.RemoveEmptyEntries).Select((s, i) => Number(s, i / 2 + 1)).ToList();
            if (numbers.Count % 2 != 0)
                throw Error(GeoErrors.BadCoordinates, "坐标格式错误：数值个数为奇数，每个点应为“经度,纬度”。");
            for (var i = 0; i < numbers.Count; i += 2) points.Add((numbers[i], numbers[i + 1]));
            return points;
        }
        for (var i = 0; i < parts.Length; i++)
        {
            var xy = parts[i].Split(NumberSeparators, StringSplitOptions.RemoveEmptyEntries);
            if (xy.Length != 2)
                throw Error(GeoErrors.BadCoordinates, $"坐标格式错误：第 {i + 1} 个点“{parts[i]}”应为“经度,纬度”两个数值。");
            points.Add((Number(xy[0], i + 1), Number(xy[1], i + 1)));
        }
        return points;
    }

    static double Number(string s, int pointNo) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v : throw Error(GeoErrors.BadCoordinates, $"坐标格式错误：第 {pointNo} 个点的“{s}”不是数值（请使用十进制度，如 112.5432）。");

    // ---- building and validation ---------------------------------------------------------------------------

    static Geometry Build(List<List<List<(double Lon, double Lat)>>> polygons)
    {
        CheckBounds(polygons.SelectMany(p => p).SelectMany(r => r).ToList());
        var built = new List<Polygon>();
        for (var p = 0; p < polygons.Count; p++)
        {
            var rings = new List<LinearRing>();
            for (var r = 0; r < polygons[p].Count; r++)
            {
                var pts = polygons[p][r];
                var where = polygons.Count > 1 ? $"第 {p + 1} 个多边形的" : "";
                where += r == 0 ? "外边界" : $"第 {r} 个内洞";
                var distinct = pts.Distinct().Count();
                if (distinct < 3)
                    throw Error(GeoErrors.TooFewPoints, $"{where}至少需要 3 个不同的坐标点（现有 {distinct} 个）。");
                var coords = pts.Select(x => new Coordinate(x.Lon, x.Lat)).ToList();
                if (!coords[0].Equals2D(coords[^1])) coords.Add(coords[0].Copy()); // auto-close
                rings.Add(Factory.CreateLinearRing(coords.ToArray()));
            }
            built.Add(Factory.CreatePolygon(rings[0], rings.Skip(1).ToArray()));
        }
        Geometry g = built.Count == 1 ? built[0] : Factory.CreateMultiPolygon(built.ToArray());
        Validate(g);
        return g;
    }

    static void CheckBounds(List<(double Lon, double Lat)> pts)
    {
        var outside = pts.Where(p => p.Lon is < MinLon or > MaxLon || p.Lat is < MinLat or > MaxLat).ToList();
        if (outside.Count == 0) return;
        if (pts.All(p => p.Lon is >= MinLat and <= MaxLat && p.Lat is >= MinLon and <= MaxLon))
            throw Error(GeoErrors.OutsideShanxi, "坐标超出山西省范围：看起来经度和纬度写反了，请按“经度,纬度”的顺序填写（经度约 110–115，纬度约 34–41）。");
        var (lon, lat) = outside[0];
        throw Error(GeoErrors.OutsideShanxi, string.Create(CultureInfo.InvariantCulture,
            $"坐标超出山西省范围（经度 {MinLon}–{MaxLon}°E，纬度 {MinLat}–{MaxLat}°N）：有 {outside.Count} 个点在范围外，例如 ({lon}, {lat})。请使用 WGS84/CGCS2000 经纬度（十进制度），不要使用投影坐标。"));
    }

    static void Validate(Geometry g)
    {
        if (g is not (Polygon or MultiPolygon))
            throw Error(GeoErrors.BadGeoJson, $"不支持的几何类型：{g.GeometryType}，边界必须是多边形（Polygon）或多多边形（MultiPolygon）。");
        CheckBounds(g.Coordinates.Select(c => (c.X, c.Y)).ToList());
        var err = new IsValidOp(g).ValidationError;
        if (err is null) return;
        var at = err.Coordinate is { } c ? string.Create(CultureInfo.InvariantCulture, $"（位置约 经度 {c.X:0.######}，纬度 {c.Y:0.######}）") : "";
        var what = err.ErrorType switch
        {
            TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection => "边线自相交（例如画成了“8”字形），请按顺时针或逆时针顺序依次填写边界点",
            TopologyValidationErrors.TooFewPoints => "坐标点太少",
            TopologyValidationErrors.HoleOutsideShell => "内洞不在外边界内",
            TopologyValidationErrors.NestedHoles => "内洞相互嵌套",
            TopologyValidationErrors.DisconnectedInteriors => "多边形内部不连通",
            TopologyValidationErrors.NestedShells => "多个多边形相互嵌套",
            TopologyValidationErrors.RingNotClosed => "边界未闭合",
            TopologyValidationErrors.InvalidCoordinate => "坐标无效",
            _ => "多边形无效",
        };
        throw Error(GeoErrors.InvalidPolygon, $"边界多边形无效：{what}{at}。");
    }

    static Geometry Densify(Geometry g)
    {
        Polygon DensifyPolygon(Polygon p) => Factory.CreatePolygon(
            DensifyRing(p.ExteriorRing), p.InteriorRings.Select(DensifyRing).ToArray());
        LinearRing DensifyRing(LineString ring)
        {
            var src = ring.Coordinates;
            var list = new List<Coordinate>(src.Length);
            for (var i = 0; i < src.Length - 1; i++)
            {
                var a = src[i];
                var b = src[i + 1];
                list.Add(a.Copy());
                var n = (int)Math.Ceiling(Math.Max(Math.Abs(b.X - a.X), Math.Abs(b.Y - a.Y)) / DensifyDegrees);
                for (var k = 1; k < n; k++)
                    list.Add(new Coordinate(a.X + (b.X - a.X) * k / n, a.Y + (b.Y - a.Y) * k / n));
            }
            list.Add(src[^1].Copy());
            return Factory.CreateLinearRing(list.ToArray());
        }
        return g switch
        {
            Polygon p => DensifyPolygon(p),
            MultiPolygon mp => Factory.CreateMultiPolygon(Enumerable.Range(0, mp.NumGeometries).Select(i => DensifyPolygon((Polygon)mp.GetGeometryN(i))).ToArray()),
            _ => g.Copy(),
        };
    }

    static ICoordinateTransformation Transformation(int centralMeridian, int epsg)
    {
        var wkt = string.Create(CultureInfo.InvariantCulture,
            $"PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger CM {centralMeridian}E\",GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"1024\"]],AUTHORITY[\"EPSG\",\"1043\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4490\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",{centralMeridian}],PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AUTHORITY[\"EPSG\",\"{epsg}\"]]");
        var pcs = (ProjectedCoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(wkt);
        return new CoordinateTransformationFactory().CreateFromCoordinateSystems(pcs.GeographicCoordinateSystem, pcs);
    }

    sealed class ProjectFilter(MathTransform transform) : ICoordinateSequenceFilter
    {
        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i)); // ProjNET: easting first
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
        public bool Done => false;
        public bool GeometryChanged => true;
    }

    static DomainException Error(string code, string message) => new(code, message);
}
