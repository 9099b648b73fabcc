using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using PiiGuard.Shared;
using PiiGuard.Shared.Names;

namespace PiiGuard.Analyzers.Tests;

/// <summary>
/// docs/default-profile.md lists every term of the default profile: the part between its markers is rendered here
/// from the profile the analyzers embed, and the test fails when the page differs. With
/// <c>PIIGUARD_UPDATE_DOCS=1</c> it rewrites that part instead. The prose around the markers is written by hand.
/// </summary>
public class DefaultProfileDocTests
{
    internal const string Begin = "<!-- BEGIN GENERATED: every term of src/Shared/Names/default-profile.txt, written by DefaultProfileDocTests; do not edit by hand -->";
    internal const string End = "<!-- END GENERATED -->";
    private const string UpdateVariable = "PIIGUARD_UPDATE_DOCS";
    private const string UpdateCommand = "PIIGUARD_UPDATE_DOCS=1 dotnet test tests/PiiGuard.Analyzers.Tests --filter FullyQualifiedName~DefaultProfileDocTests";

    [Fact]
    public void The_page_lists_the_default_profile_as_it_is()
    {
        string path = Path.Combine(RepoRoot(), "docs", "default-profile.md");
        Assert.True(File.Exists(path), $"{path} does not exist.");
        string page = File.ReadAllText(path).Replace("\r\n", "\n");
        int begin = page.IndexOf(Begin, StringComparison.Ordinal);
        int end = page.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin,
            $"docs/default-profile.md must hold the generated part between the lines\n{Begin}\nand\n{End}\n(one each, in that order).");

        int from = begin + Begin.Length;
        string current = page.Substring(from, end - from);
        string expected = "\n" + Render(Vocabulary.Default) + "\n";
        if (current == expected)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, page.Substring(0, from) + expected + page.Substring(end));
            return;
        }

        Assert.Fail(
            "docs/default-profile.md does not list the default profile as it is (src/Shared/Names/default-profile.txt). " +
            $"Rewrite its generated part with:\n  {UpdateCommand}\nand commit the page. First difference: {FirstDifference(current, expected)}");
    }

    [Fact]
    public void Every_term_of_the_profile_is_one_row()
    {
        IReadOnlyList<Term> terms = Vocabulary.Default.Terms;
        Assert.NotEmpty(terms);

        // A row of a term table starts with the term in backticks; headers and separators do not.
        string[] rows = Render(Vocabulary.Default).Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToArray();
        Assert.Equal(terms.Count, rows.Length);
        foreach (Term term in terms)
        {
            Assert.Contains(rows, r => r.StartsWith($"| `{term.Text}` |", StringComparison.Ordinal) && r.EndsWith(" | " + Escape(term.Reason) + " |", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Renders_any_profile_with_a_table_per_role_and_kind()
    {
        Vocabulary profile = Vocabulary.Parse("""
            [personal project any]
            badge id | a word of this test
            [question]
            is | a question
            """);

        string rendered = Render(profile);
        Assert.Contains("| `badge id` | any type | a word of this test |", rendered, StringComparison.Ordinal);
        Assert.Contains("| `is` | a question |", rendered, StringComparison.Ordinal);
        Assert.Contains("2 terms", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_what_a_subject_of_the_software_clears_and_whose_tracking_a_soft_term_is()
    {
        Vocabulary profile = Vocabulary.Parse("""
            [subject neutral]
            gadget | a word of this test
            [subject neutral published]
            feed | a word of this test
            [subject neutral whole]
            cartridge | a word of this test
            [behaviour soft]
            last poke | a word of this test
            [behaviour]
            poke | a word of this test
            """);

        string rendered = Render(profile);
        Assert.Contains("| `gadget` | its ids and names | a word of this test |", rendered, StringComparison.Ordinal);
        Assert.Contains("| `feed` | its ids and names, and every id, hash and reference under it | a word of this test |", rendered, StringComparison.Ordinal);
        Assert.Contains("| `cartridge` | whatever a name under it holds | a word of this test |", rendered, StringComparison.Ordinal);
        Assert.Contains("| `last poke` | of a person only | a word of this test |", rendered, StringComparison.Ordinal);
        Assert.Contains("| `poke` | anywhere in a name | a word of this test |", rendered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[subject identity published]")]
    [InlineData("[head identifier identifier whole]")]
    public void The_scope_of_a_subject_qualifies_only_subjects_of_the_software(string header)
    {
        FormatException error = Assert.Throws<FormatException>(() => Vocabulary.Parse("[question]\nis | a question\n" + header + "\ngadget | a word of this test\n"));
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("[subject neutral]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_term_listed_twice_is_an_error_that_names_both_lines()
    {
        FormatException error = Assert.Throws<FormatException>(() => Vocabulary.Parse("[subject neutral]\ngadget | a word of this test\n[personal device]\nGadget | the same word again\n"));
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("'gadget' is already a term (line 2)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The generated part of the page: every term, grouped by role and, for personal terms and subjects, by category.</summary>
    internal static string Render(Vocabulary profile)
    {
        var text = new StringBuilder();
        List<Term> terms = profile.Terms.ToList();
        text.Append(CultureFree($"The default profile holds {Count(terms.Count)}.\n"));

        // Personal terms, one table per kind of personal data, in the order the disclosure lists them.
        List<Term> personal = terms.Where(t => t.Role == TermRole.Personal).ToList();
        if (personal.Count > 0)
        {
            text.Append("\n### Personal terms\n");
            foreach (IGrouping<string, Term> category in personal.GroupBy(t => t.Category?.Id ?? "").OrderBy(g => CategoryOrder(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal))
            {
                Category? c = category.First().Category;
                text.Append($"\n#### {Title(c)}\n\n{Count(category.Count())}.\n\n| Term | Personal on | Reason |\n|---|---|---|\n");
                foreach (Term term in Sorted(category))
                {
                    text.Append(Row(term, term.AnyType ? "any type" : term.Soft ? "text, unless its subject is a thing of the software" : "text"));
                }
            }
        }

        Section(text, terms, TermRole.Subject, "Subjects: people and their things",
            "| Term | Kind of personal data | Reason |\n|---|---|---|\n",
            t => Row(t, t.Category is { } c ? c.Description : "none"));
        Section(text, terms, TermRole.NeutralSubject, "Subjects: things of the software or the system",
            "| Term | Not personal | Reason |\n|---|---|---|\n",
            t => Row(t, t.Scope switch
            {
                SubjectScope.Software => "whatever a name under it holds",
                SubjectScope.PublishedIds => "its ids and names, and every id, hash and reference under it",
                SubjectScope.Occurrence => "its names and kinds (its ids single out one occurrence)",
                SubjectScope.NamedAfterFile => "its hashes and kinds (its names and titles are the name of the file it runs from; an id of it as text singles out one run)",
                _ => "its ids and names",
            }));
        Section(text, terms, TermRole.IdentifierHead, "Identifier heads",
            "| Term | An identifier on | Reason |\n|---|---|---|\n",
            t => Row(t, (t.AnyType ? "text and numbers" : "text") + (t.Soft ? "; of a process, its file's (the program's)" : "")));
        Section(text, terms, TermRole.NameHead, "Name heads",
            "| Term | Of no subject, or an unknown one | Reason |\n|---|---|---|\n",
            t => Row(t, t.Category is { } c ? c.Description : "none"));
        Section(text, terms, TermRole.CategoryHead, "Category heads", null, t => Row(t));
        Section(text, terms, TermRole.MeasureHead, "Measure heads",
            "| Term | Of a person | Reason |\n|---|---|---|\n",
            t => Row(t, t.Category is { } c ? c.Description : "a measure"));
        Section(text, terms, TermRole.FlagHead, "Flag heads", null, t => Row(t));
        Section(text, terms, TermRole.Behaviour, "Behavioural tracking",
            "| Term | Tracking | Reason |\n|---|---|---|\n",
            t => Row(t, t.Soft ? "of a person only" : "anywhere in a name"));
        Section(text, terms, TermRole.Location, "Location", null, t => Row(t));
        Section(text, terms, TermRole.Blob, "Documents and dumps",
            "| Term | A document on | Reason |\n|---|---|---|\n",
            t => Row(t, t.Soft ? "text, after an occurrence, an unknown word or nothing; after anything else, the name is judged without it" : t.AnyType ? "text" : "an open map of text"));
        Section(text, terms, TermRole.Connector, "Connectors", null, t => Row(t));
        Section(text, terms, TermRole.Question, "Question words", null, t => Row(t));
        Section(text, terms, TermRole.Setting, "Setting verbs (first word of a yes-or-no name)", null, t => Row(t));
        Section(text, terms, TermRole.Container, "Collections", null, t => Row(t));

        // A role added to the profile that the sections above do not know is listed too, never left out.
        TermRole[] known =
        {
            TermRole.Personal, TermRole.Subject, TermRole.NeutralSubject, TermRole.IdentifierHead, TermRole.NameHead, TermRole.CategoryHead,
            TermRole.MeasureHead, TermRole.FlagHead, TermRole.Behaviour, TermRole.Location, TermRole.Blob, TermRole.Connector, TermRole.Question, TermRole.Setting, TermRole.Container,
        };
        foreach (TermRole role in terms.Select(t => t.Role).Where(r => !known.Contains(r)).Distinct().OrderBy(r => r))
        {
            Section(text, terms, role, role.ToString(), null, t => Row(t));
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void Section(StringBuilder text, List<Term> terms, TermRole role, string title, string? header, Func<Term, string> row)
    {
        List<Term> these = terms.Where(t => t.Role == role).ToList();
        if (these.Count == 0)
        {
            return;
        }

        text.Append($"\n### {title}\n\n{Count(these.Count)}.\n\n");
        text.Append(header ?? "| Term | Reason |\n|---|---|\n");
        foreach (Term term in Sorted(these))
        {
            text.Append(row(term));
        }
    }

    private static IEnumerable<Term> Sorted(IEnumerable<Term> terms) =>
        terms.OrderBy(t => t.Text, StringComparer.Ordinal).ThenBy(t => t.Reason, StringComparer.Ordinal);

    private static string Row(Term term, params string[] columns) =>
        "| `" + term.Text + "` | " + string.Concat(columns.Select(c => Escape(c) + " | ")) + Escape(term.Reason) + " |\n";

    private static string Escape(string cell) => cell.Replace("|", "\\|");

    private static string Count(int n) => n == 1 ? "1 term" : CultureFree($"{n} terms");

    private static string CultureFree(FormattableString text) => FormattableString.Invariant(text);

    private static string Title(Category? category) => category is null ? "Without a kind of personal data" : $"`{category.Id}`: {category.Description}";

    private static int CategoryOrder(string id)
    {
        int index = Array.FindIndex(Category.All, c => c.Id == id);
        return index >= 0 ? index : Category.All.Length;
    }

    private static string FirstDifference(string current, string expected)
    {
        string[] a = current.Split('\n');
        string[] b = expected.Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string left = i < a.Length ? a[i] : "(end of the generated part)";
            string right = i < b.Length ? b[i] : "(end of the generated part)";
            if (left != right)
            {
                return $"line {i + 1} of the generated part is\n  {left}\nand should be\n  {right}";
            }
        }

        return "none by line (line endings?)";
    }

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PiiGuard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PiiGuard.sln not found above " + AppContext.BaseDirectory);
    }
}
