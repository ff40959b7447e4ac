global using MemoryPack;
global using Typed;
