#!/usr/bin/env bash
# The generator at scale, command-line build (issue 18): a full `dotnet build -c Release` of the
# synthetic project of N behaviours WITH Typed (runtime + generator + analyzers, as the samples
# reference them) against the same classes WITHOUT Typed (stub attributes, no MemoryPack, no
# generator, no analyzers). Prints wall time, output assembly size and the compiler's peak memory.
# A measuring script: neither `dotnet test` nor CI runs it. See benchmarks/README.md.
#
#   benchmarks/Typed.GeneratorBenchmarks/build-scale.sh [N=1000] [RUNS=2] [WORKDIR=/tmp/typed-build-scale]
#
# Every command is bounded with `timeout` (LIMIT seconds, default 900).
set -euo pipefail

N=${1:-1000}
RUNS=${2:-2}
WORK=${3:-/tmp/typed-build-scale}
LIMIT=${LIMIT:-900}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$REPO/benchmarks/Typed.GeneratorBenchmarks
DOTNET=$(readlink -f "$(command -v dotnet)")
CSC=$(dirname "$DOTNET")/sdk/$(cd "$REPO" && dotnet --version)/Roslyn/bincore/csc.dll
[ -f "$CSC" ] || { echo "csc.dll not found at $CSC" >&2; exit 1; }

rm -rf "$WORK"
mkdir -p "$WORK/typed" "$WORK/plain" "$WORK/tools" "$WORK/out"

# The synthetic project's own sources (SyntheticProject.cs), the same files in both projects.
timeout "$LIMIT" dotnet build "$BENCH" -c Release -v q -nologo >/dev/null
timeout "$LIMIT" "$BENCH/bin/Release/net10.0/Typed.GeneratorBenchmarks" --n "$N" --sources "$WORK/typed"
cp -r "$WORK/typed/." "$WORK/plain/"

# Stop MSBuild's search for Directory.Build.props / Directory.Packages.props above $WORK.
echo '<Project />' >"$WORK/Directory.Build.props"
echo '<Project />' >"$WORK/Directory.Build.targets"

# Same properties in both; only the references differ.
common='<TargetFramework>net10.0</TargetFramework>
    <OutputType>Library</OutputType>
    <AssemblyName>Synthetic</AssemblyName>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <Deterministic>true</Deterministic>'

cat >"$WORK/typed/Synthetic.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    $common
  </PropertyGroup>
  <!-- As samples/Directory.Build.props: what the Typed package gives its users. -->
  <Import Project="$REPO/src/Runtime/buildTransitive/Typed.props" />
  <ItemGroup>
    <ProjectReference Include="$REPO/src/Runtime/Typed.csproj" />
    <ProjectReference Include="$REPO/src/Generators/Typed.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="$REPO/src/Analyzers/Typed.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>
EOF

cat >"$WORK/plain/Synthetic.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    $common
  </PropertyGroup>
</Project>
EOF

# Without Typed: the attributes the sources use as plain attribute types with nothing reading them.
cat >"$WORK/plain/Stubs.cs" <<'EOF'
namespace Typed
{
    [AttributeUsage(AttributeTargets.Class)] public sealed class ProcessAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public sealed class CallAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public sealed class CastAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Method)] public sealed class InfoAttribute : Attribute { }
    [AttributeUsage(AttributeTargets.Class)] public sealed class RpcAttribute : Attribute { }
    public enum Strategy { OneForOne, OneForAll, RestForOne }
    public enum Restart { Permanent, Transient, Temporary }
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class SupervisorAttribute(Strategy strategy) : Attribute
    {
        public Strategy Strategy { get; } = strategy;
        public int Intensity { get; set; } = 1;
        public int Period { get; set; } = 5;
    }

    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
    public sealed class ChildAttribute<T>(string id, Restart restart = Restart.Permanent) : Attribute
    {
        public string Id { get; } = id;
        public Restart Restart { get; } = restart;
    }
}

namespace MemoryPack
{
    [AttributeUsage(AttributeTargets.Class)] public sealed class MemoryPackableAttribute : Attribute { }
}
EOF

# The compiler runs as its own process (UseSharedCompilation=false), started through this wrapper
# (CscToolPath/CscToolExe) so /usr/bin/time reports csc's own peak RSS, apart from MSBuild's.
cat >"$WORK/tools/csc-timed" <<EOF
#!/usr/bin/env bash
exec /usr/bin/time -v -o "\$CSC_TIME_OUT" "$DOTNET" exec "$CSC" "\$@"
EOF
chmod +x "$WORK/tools/csc-timed"

flags=(-c Release -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false
       "-p:CscToolPath=$WORK/tools" -p:CscToolExe=csc-timed)

for p in plain typed; do
  timeout "$LIMIT" dotnet restore "$WORK/$p" -nologo -v q >/dev/null
  # Warm-up build: builds Typed's own projects (the measured builds take them as prebuilt, as a
  # package would be), fills the OS file cache, and checks that the project compiles.
  CSC_TIME_OUT=$WORK/out/$p.warm.csc timeout "$LIMIT" dotnet build "$WORK/$p" --no-restore "${flags[@]}" >"$WORK/out/$p.warm.log" 2>&1 \
    || { cat "$WORK/out/$p.warm.log"; exit 1; }
done

rss() { awk -F': ' '/Maximum resident set size/ {print int($2 / 1024)}' "$1"; }

echo "# build-scale N=$N, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
for r in $(seq 1 "$RUNS"); do
  for p in plain typed; do
    # A full compile of the synthetic project each time: its outputs go, its restore stays.
    rm -rf "$WORK/$p/bin" "$WORK/$p/obj/Release"
    start=$(date +%s.%N)
    CSC_TIME_OUT=$WORK/out/$p.$r.csc /usr/bin/time -v -o "$WORK/out/$p.$r.build" \
      timeout "$LIMIT" dotnet build "$WORK/$p" --no-restore -p:BuildProjectReferences=false "${flags[@]}" >"$WORK/out/$p.$r.log" 2>&1 \
      || { cat "$WORK/out/$p.$r.log"; exit 1; }
    end=$(date +%s.%N)
    wall=$(echo "$end - $start" | bc)
    size=$(stat -c %s "$WORK/$p/bin/Release/net10.0/Synthetic.dll")
    csc_wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/out/$p.$r.csc")
    printf '%s run %d: build %.1f s, Synthetic.dll %d B, csc peak RSS %d MB (csc wall %s), build tree peak RSS %d MB, load %s\n' \
      "$p" "$r" "$wall" "$size" "$(rss "$WORK/out/$p.$r.csc")" "$csc_wall" "$(rss "$WORK/out/$p.$r.build")" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
