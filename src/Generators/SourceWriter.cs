using System;
using System.Text;

namespace PiiGuard.Generators;

/// <summary>
/// Writes generated C#: every line at the current indentation (four spaces a level), text of several lines line by
/// line, blank lines empty, and <c>\n</c> at the end of each line, so that the code reads as if written by hand and
/// has no trailing whitespace. (<see cref="System.CodeDom.Compiler.IndentedTextWriter"/> indents blank lines and
/// leaves the lines after a newline inside the text unindented.)
/// </summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>The indentation level of the lines written next.</summary>
    public int Indent
    {
        get => _indent;
        set => _indent = value >= 0 ? value : throw new InvalidOperationException("The generated code closes more blocks than it opens.");
    }

    /// <summary>Writes a blank line.</summary>
    public void WriteLine() => _text.Append('\n');

    /// <summary>Writes <paramref name="text"/> and ends the line; each line of a text of several is indented alike.</summary>
    public void WriteLine(string text)
    {
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            if (end > start)
            {
                for (int i = 0; i < _indent; i++)
                {
                    _text.Append(IndentUnit);
                }

                _text.Append(text, start, end - start);
            }

            _text.Append('\n');
            start = end + 1;
        }
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
