// Lets netstandard2.0 assemblies (analyzers, generator) declare records and init-only properties.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
