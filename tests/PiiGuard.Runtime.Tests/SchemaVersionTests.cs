using System;
using System.Linq;
using PiiGuard;

namespace PiiGuard.Runtime.Tests;

public class SchemaVersionTests
{
    [Theory]
    [InlineData("9", "10")]
    [InlineData("10", "10.1")]
    [InlineData("1.9", "1.10")]
    [InlineData("1.2.3", "1.2.4")]
    [InlineData("0", "0.0.1")]
    [InlineData("2147483646", "2147483647")]
    public void Versions_are_compared_number_by_number(string lower, string higher)
    {
        SchemaVersion low = SchemaVersion.Parse(lower);
        SchemaVersion high = SchemaVersion.Parse(higher);
        Assert.True(low < high);
        Assert.True(high > low);
        Assert.True(low <= high);
        Assert.False(low >= high);
        Assert.True(low.CompareTo(high) < 0);
        Assert.True(high.CompareTo(low) > 0);
        Assert.NotEqual(low, high);
    }

    [Fact]
    public void Nine_ten_and_ten_point_one_sort_in_numeric_order()
    {
        string[] sorted = new[] { "10.1", "9", "10", "1.0" }.Select(SchemaVersion.Parse).OrderBy(v => v).Select(v => v.ToString()).ToArray();
        Assert.Equal(new[] { "1.0", "9", "10", "10.1" }, sorted);
    }

    [Theory]
    [InlineData("1", "1.0")]
    [InlineData("1.0", "1.0.0")]
    [InlineData("2", "2.0.0.0")]
    [InlineData("0", "0.0")]
    public void Missing_parts_count_as_zero(string left, string right)
    {
        SchemaVersion a = SchemaVersion.Parse(left);
        SchemaVersion b = SchemaVersion.Parse(right);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(0, a.CompareTo(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(left, a.ToString());
        Assert.Equal(right, b.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(".", "empty part")]
    [InlineData("1.", "empty part")]
    [InlineData(".1", "empty part")]
    [InlineData("1..2", "empty part")]
    [InlineData("v1", "neither an ASCII digit nor a dot")]
    [InlineData("1.0-beta", "neither an ASCII digit nor a dot")]
    [InlineData("-1", "neither an ASCII digit nor a dot")]
    [InlineData("+1", "neither an ASCII digit nor a dot")]
    [InlineData(" 1", "neither an ASCII digit nor a dot")]
    [InlineData("1 ", "neither an ASCII digit nor a dot")]
    [InlineData("1,0", "neither an ASCII digit nor a dot")]
    [InlineData("١", "neither an ASCII digit nor a dot")]
    [InlineData("01", "leading zero")]
    [InlineData("1.01", "leading zero")]
    [InlineData("00", "leading zero")]
    [InlineData("2147483648", "larger than 2147483647")]
    [InlineData("1.99999999999999999999", "larger than 2147483647")]
    public void Anything_else_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(SchemaVersion.TryParse(text, out _));
        FormatException error = Assert.Throws<FormatException>(() => SchemaVersion.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("non-negative integers separated by dots", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_not_a_version()
    {
        Assert.False(SchemaVersion.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => SchemaVersion.Parse(null!));
    }

    [Fact]
    public void The_default_value_is_version_zero()
    {
        Assert.Equal("0", default(SchemaVersion).ToString());
        Assert.Equal(SchemaVersion.Parse("0.0"), default);
        Assert.True(default(SchemaVersion) < SchemaVersion.Parse("0.1"));
    }

    [Fact]
    public void Parts_are_the_numbers_as_written()
    {
        SchemaVersion version = SchemaVersion.Parse("2.10.3");
        Assert.Equal(3, version.PartCount);
        Assert.Equal(new[] { 2, 10, 3, 0 }, Enumerable.Range(0, 4).Select(i => version[i]));
        Assert.Throws<ArgumentOutOfRangeException>(() => version[-1]);
    }

    [Fact]
    public void Schema_docs_carry_the_parsed_version_and_refuse_a_malformed_one()
    {
        Assert.Equal(SchemaVersion.Parse("1.0"), new TelemetrySchemaInfo("p", "1.0", "{}", "").Version);
        Assert.Null(new TelemetrySchemaInfo("p", null, "{}", "").Version);
        Assert.Throws<FormatException>(() => new TelemetrySchemaInfo("p", "1.x", "{}", ""));
    }
}
