namespace Typed.Samples.Diagnostics;

// TYP1006: shapes the generator does not serve.
[Process]
public abstract partial class Appliance
{
    [Call] public string Name() => "";
}

[Process]
public partial class Crate<T>
{
    [Call] public int Count() => 0;
}

[Process]
public partial class Vault
{
    Vault() { }

    [Call] public bool Locked() => true;
}
