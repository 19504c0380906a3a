using System.Data;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace ETown.Web.Platform.Data;

/// <summary>
/// Exact sums of decimal(18,4) columns added up by the database itself (issue #16). SQLite keeps a decimal as text, so EF
/// sums it with its own .NET aggregate (<c>ef_sum</c>), called row by row — the largest part of the dashboards' and the
/// matrix's reads at province scale (docs/benchmarks.md). A decimal(18,4) is a whole number of ten-thousandths, and whole
/// numbers SQLite sums natively and exactly: <c>SUM(ExactSums.Units(v.Value))</c>, then <see cref="FromUnits"/>. Below
/// 10^14 (the column's bound, checked on every write) the units fit a 64-bit integer with room for 90 000 of them in one sum.
/// </summary>
public static class ExactSums
{
    const decimal Scale = 10_000m;

    /// <summary>The value in ten-thousandths; translated into SQL, never called in .NET.</summary>
    public static long Units(decimal value) => throw new InvalidOperationException("ExactSums.Units is only for queries: " + value);

    /// <summary>A sum of <see cref="Units"/> back as the decimal it is, without trailing zeros.</summary>
    public static decimal FromUnits(long units) => units / Scale / 1.0000000000000000000000000000m;

    static readonly System.Reflection.MethodInfo UnitsMethod = typeof(ExactSums).GetMethod(nameof(Units))!;

    /// <summary>
    /// SQLite: EF writes a decimal as text with a point and at least one decimal ("369.0", "-0.5", "12.3456"), so the units are
    /// the whole part × 10 000 plus the first four decimals padded with zeros, signed like the text — string and integer
    /// functions of SQLite's own, no floating point.
    /// </summary>
    internal static void RegisterSqlite(ModelBuilder b)
    {
        var text = new StringTypeMapping("TEXT", DbType.String);
        var integer = new LongTypeMapping("INTEGER");
        SqlConstantExpression Text(string s) => new(s, typeof(string), text);
        SqlConstantExpression Int(long n) => new(n, typeof(long), integer);
        SqlFunctionExpression Fn(string name, Type type, RelationalTypeMapping mapping, params SqlExpression[] args) =>
            new(name, args, nullable: true, argumentsPropagateNullability: args.Select(_ => true), type, mapping);
        SqlExpression Cast(SqlExpression e) => new SqlUnaryExpression(ExpressionType.Convert, e, typeof(long), integer);
        SqlExpression Mul(SqlExpression l, SqlExpression r) => new SqlBinaryExpression(ExpressionType.Multiply, l, r, typeof(long), integer);
        SqlExpression Add(SqlExpression l, SqlExpression r) => new SqlBinaryExpression(ExpressionType.Add, l, r, typeof(long), integer);
        SqlExpression Sub(SqlExpression l, SqlExpression r) => new SqlBinaryExpression(ExpressionType.Subtract, l, r, typeof(long), integer);

        b.HasDbFunction(UnitsMethod).HasTranslation(args =>
        {
            var v = args[0];
            var point = Fn("instr", typeof(long), integer, v, Text("."));
            var whole = Cast(Fn("substr", typeof(string), text, v, Int(1), Sub(point, Int(1))));
            var decimals = Fn("substr", typeof(string), text,
                new SqlBinaryExpression(ExpressionType.Add, Fn("substr", typeof(string), text, v, Add(point, Int(1))), Text("0000"), typeof(string), text),
                Int(1), Int(4));
            var negative = new SqlBinaryExpression(ExpressionType.Equal, Fn("substr", typeof(string), text, v, Int(1), Int(1)), Text("-"), typeof(bool),
                new BoolTypeMapping("INTEGER"));
            var sign = new CaseExpression([new CaseWhenClause(negative, Int(-1))], Int(1));
            return Add(Mul(whole, Int(10_000)), Mul(sign, Cast(decimals)));
        });
    }

    /// <summary>PostgreSQL keeps numeric exactly: the units are the value × 10 000 as a bigint.</summary>
    internal static void RegisterPostgres(ModelBuilder b)
    {
        var bigint = new LongTypeMapping("bigint");
        b.HasDbFunction(UnitsMethod).HasTranslation(args =>
            new SqlUnaryExpression(ExpressionType.Convert,
                new SqlBinaryExpression(ExpressionType.Multiply, args[0], new SqlConstantExpression(Scale, typeof(decimal), args[0].TypeMapping),
                    typeof(decimal), args[0].TypeMapping),
                typeof(long), bigint));
    }
}
