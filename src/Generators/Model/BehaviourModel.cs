namespace Typed.Generators.Model;

/// <summary>
/// Everything the emitters need to know of one <c>[Process]</c> class.
/// </summary>
/// <remarks>
/// Must stay equatable (strings, numbers, <see cref="EquatableArray{T}"/> of records): the pipeline
/// caches on it, and an <c>ISymbol</c> or syntax node here would make every keystroke regenerate.
/// <see cref="FormatterRegistrations"/> are the module initializer's statements that register, without
/// reflection, the formatters of every type the messages carry (see <c>Parsing/FormatterRegistrations</c>).
/// <see cref="HookNamesTaken"/>: the class or a base declares a method named <c>InitAsync</c> or
/// <c>TerminateAsync</c>, which could implement <c>IProcessBehaviour</c>'s hooks implicitly; the generated
/// code then implements both explicitly, as it does for a declared hook, instead of keeping the defaults.
/// </remarks>
internal sealed record BehaviourModel(
    TypeShape Type,
    int Id,
    EquatableArray<HandlerModel> Handlers,
    HookModel? Init,
    HookModel? Terminate,
    EquatableArray<string> ConstructorParameters,
    EquatableArray<string> FormatterRegistrations,
    bool HookNamesTaken = false);
