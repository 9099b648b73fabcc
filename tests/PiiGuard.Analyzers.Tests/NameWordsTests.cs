using System.Collections.Generic;
using System.Linq;
using PiiGuard.Analyzers.Tests.Corpus;
using PiiGuard.Shared;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// <see cref="NameWords.ToSnakeCase"/> writes the JSON names the generator emits: it must join exactly the words that
/// <see cref="NameWords.Split"/> finds, for every shape of identifier.
/// </summary>
public class NameWordsTests
{
    [Theory]
    [InlineData("PrinterTypeCounts", "printer_type_counts")]
    [InlineData("RemoteIP", "remote_ip")]
    [InlineData("IPv6Address", "ipv_6_address")]
    [InlineData("EMailAddress", "e_mail_address")]
    [InlineData("remote__ip_", "remote_ip")]
    [InlineData("_Count", "count")]
    [InlineData("__", "")]
    [InlineData("", "")]
    [InlineData("X", "x")]
    public void Snake_case_joins_the_words_of_the_name(string identifier, string expected) =>
        Assert.Equal(expected, NameWords.ToSnakeCase(identifier));

    [Fact]
    public void Snake_case_is_the_split_words_joined_for_every_name_of_the_corpus_and_odd_names()
    {
        IEnumerable<string> odd = new[]
        {
            "a", "A", "_", "a_", "_a", "a__b", "A_B_", "ABC", "ABCdef", "abcDEF", "a1B2c3", "HTTPServer2Go", "IPv4", "IPv",
            "Ipv6X", "x9", "9x", "ÜberÄnderung", "straße", "İstanbul", "名前Name", "a-b.c d", "ID", "UserIDs", "Version2_0",
        };
        string[] names = NameCorpus.Read().SelectMany(row => new[] { row.Member, row.Field }).Concat(odd).Distinct().ToArray();

        Assert.InRange(names.Length, 1000, int.MaxValue);
        Assert.All(names, name => Assert.Equal(string.Join("_", NameWords.Split(name)), NameWords.ToSnakeCase(name)));
    }
}
