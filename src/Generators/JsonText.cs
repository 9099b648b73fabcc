using System.Collections.Generic;
using System.Text;

namespace PiiGuard.Generators;

/// <summary>A small JSON tree that keeps property order and prints deterministically, for the schema docs.</summary>
internal abstract class JsonText
{
    public static readonly JsonText True = new Raw("true");
    public static readonly JsonText False = new Raw("false");
    public static readonly JsonText Null = new Raw("null");

    public static JsonText String(string value) => new Raw(Json.Quote(value));

    public static JsonText Number(string literal) => new Raw(literal);

    public string ToCompact()
    {
        var text = new StringBuilder();
        Write(text, indent: null, depth: 0);
        return text.ToString();
    }

    public string ToIndented()
    {
        var text = new StringBuilder();
        Write(text, indent: "  ", depth: 0);
        return text.ToString();
    }

    protected abstract void Write(StringBuilder text, string? indent, int depth);

    private static void NewLine(StringBuilder text, string? indent, int depth)
    {
        if (indent is null)
        {
            return;
        }

        text.Append('\n');
        for (int i = 0; i < depth; i++)
        {
            text.Append(indent);
        }
    }

    private sealed class Raw : JsonText
    {
        private readonly string _literal;

        public Raw(string literal) => _literal = literal;

        protected override void Write(StringBuilder text, string? indent, int depth) => text.Append(_literal);
    }

    public sealed class Array : JsonText
    {
        private readonly List<JsonText> _items;

        public Array(IEnumerable<JsonText> items) => _items = new List<JsonText>(items);

        protected override void Write(StringBuilder text, string? indent, int depth)
        {
            if (_items.Count == 0)
            {
                text.Append("[]");
                return;
            }

            text.Append('[');
            for (int i = 0; i < _items.Count; i++)
            {
                text.Append(i == 0 ? "" : ",");
                NewLine(text, indent, depth + 1);
                _items[i].Write(text, indent, depth + 1);
            }

            NewLine(text, indent, depth);
            text.Append(']');
        }
    }

    public sealed class Object : JsonText
    {
        private readonly List<KeyValuePair<string, JsonText>> _properties = new();

        public Object Add(string name, JsonText value)
        {
            _properties.Add(new KeyValuePair<string, JsonText>(name, value));
            return this;
        }

        /// <summary>Adds a property before all others.</summary>
        public Object Insert(string name, JsonText value)
        {
            _properties.Insert(0, new KeyValuePair<string, JsonText>(name, value));
            return this;
        }

        protected override void Write(StringBuilder text, string? indent, int depth)
        {
            if (_properties.Count == 0)
            {
                text.Append("{}");
                return;
            }

            text.Append('{');
            for (int i = 0; i < _properties.Count; i++)
            {
                text.Append(i == 0 ? "" : ",");
                NewLine(text, indent, depth + 1);
                text.Append(Json.Quote(_properties[i].Key)).Append(indent is null ? ":" : ": ");
                _properties[i].Value.Write(text, indent, depth + 1);
            }

            NewLine(text, indent, depth);
            text.Append('}');
        }
    }
}
