using System;

namespace PiiGuard;

/// <summary>A count of errors of one type in one component.</summary>
/// <typeparam name="TError">The app's error types.</typeparam>
/// <typeparam name="TComponent">The app's components.</typeparam>
/// <param name="ErrorType">The error type.</param>
/// <param name="Component">The component.</param>
/// <param name="Count">How many.</param>
public readonly record struct ErrorCount<TError, TComponent>(TError ErrorType, TComponent Component, long Count)
    where TError : struct, Enum
    where TComponent : struct, Enum;
