/** A three-module application whose reporting module reaches outside its declared dependencies (ModuleStructureTest). */
package cn.fazhi.modulefixture;
