namespace Typed.Samples.Diagnostics;

// TYP1005: a cast sends no reply; the value is dropped.
[Process]
public partial class Kettle
{
    int _degrees;

    [Cast] public int Boil() => _degrees += 100;
}
