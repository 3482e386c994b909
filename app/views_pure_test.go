package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Views are pure: no View method of the TUI's packages changes its
// receiver, neither by assigning to one of its fields nor by calling a
// method that does (on the receiver or on one of its fields). Scroll
// positions, heights and click zones are set in Update and SetSize.
func TestViewsArePure(t *testing.T) {
	methods := map[string]*ast.FuncDecl{}    // "Type.Method"
	fields := map[string]map[string]string{} // type → field → field's type name
	for _, dir := range []string{".", "ui", "trainer"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			collect(file, file.Name.Name, methods, fields)
		}
	}
	if len(methods) < 100 {
		t.Fatalf("found only %d methods: the scan is broken", len(methods))
	}
	mut := mutators(methods, fields)
	var bad []string
	views := 0
	for name, fn := range methods {
		if !strings.HasSuffix(name, ".View") {
			continue
		}
		views++
		if why := mutation(name, fn, fields, mut); why != "" {
			bad = append(bad, name+": "+why)
		}
	}
	if views < 20 {
		t.Fatalf("found only %d View methods", views)
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Error(b)
	}
}

// collect records the methods and the struct fields' types of a file of
// package pkg; types are named "pkg.Type".
func collect(file *ast.File, pkg string, methods map[string]*ast.FuncDecl, fields map[string]map[string]string) {
	for _, d := range file.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil && len(d.Recv.List) == 1 {
				methods[typeName(pkg, d.Recv.List[0].Type)+"."+d.Name.Name] = d
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				ts, ok := s.(*ast.TypeSpec)
				if !ok {
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				m := map[string]string{}
				for _, f := range st.Fields.List {
					for _, n := range f.Names {
						m[n.Name] = typeName(pkg, f.Type)
					}
					if len(f.Names) == 0 { // embedded: the field is named by its type
						t := typeName(pkg, f.Type)
						m[t[strings.LastIndex(t, ".")+1:]] = t
					}
				}
				fields[pkg+"."+ts.Name.Name] = m
			}
		}
	}
}

// typeName is the qualified name of a type expression written in package
// pkg: *ui.Scroller → ui.Scroller, scroller → pkg.scroller.
func typeName(pkg string, e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return typeName(pkg, e.X)
	case *ast.SelectorExpr:
		if id, ok := e.X.(*ast.Ident); ok {
			return id.Name + "." + e.Sel.Name
		}
	case *ast.Ident:
		return pkg + "." + e.Name
	}
	return ""
}

// mutators are the methods that change their receiver, directly or
// through a method they call.
func mutators(methods map[string]*ast.FuncDecl, fields map[string]map[string]string) map[string]bool {
	mut := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for name, fn := range methods {
			if !mut[name] && mutation(name, fn, fields, mut) != "" {
				mut[name], changed = true, true
			}
		}
	}
	return mut
}

// mutation says how the method name ("pkg.Type.Method") changes its
// receiver, or "".
func mutation(name string, fn *ast.FuncDecl, fields map[string]map[string]string, mut map[string]bool) string {
	if fn.Body == nil || len(fn.Recv.List[0].Names) == 0 {
		return ""
	}
	recv, rtype := fn.Recv.List[0].Names[0].Name, name[:strings.LastIndex(name, ".")]
	if _, ptr := fn.Recv.List[0].Type.(*ast.StarExpr); !ptr {
		return "" // a value receiver cannot change the caller's value
	}
	why := ""
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if why != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if root(l) == recv {
					if _, isIdent := l.(*ast.Ident); !isIdent {
						why = "assigns to " + exprString(l)
					}
				}
			}
		case *ast.IncDecStmt:
			if root(n.X) == recv {
				why = "changes " + exprString(n.X)
			}
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok || root(sel.X) != recv {
				return true
			}
			if t := selType(sel.X, recv, rtype, fields); t != "" && mut[t+"."+sel.Sel.Name] {
				why = "calls " + exprString(sel) + ", which changes it"
			}
		}
		return true
	})
	return why
}

// root is the identifier an expression such as s.scroll.lines[0] starts from.
func root(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.ParenExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// selType is the type of recv or recv.f.g… (by the struct declarations).
func selType(e ast.Expr, recv, rtype string, fields map[string]map[string]string) string {
	switch x := e.(type) {
	case *ast.Ident:
		if x.Name == recv {
			return rtype
		}
	case *ast.SelectorExpr:
		if t := selType(x.X, recv, rtype, fields); t != "" {
			return fields[t][x.Sel.Name]
		}
	case *ast.ParenExpr:
		return selType(x.X, recv, rtype, fields)
	}
	return ""
}

func exprString(e ast.Node) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprString(x.X) + "." + x.Sel.Name
	case *ast.IndexExpr:
		return exprString(x.X) + "[…]"
	case *ast.StarExpr:
		return "*" + exprString(x.X)
	}
	return "…"
}
