// TypeDoc plugin: the API reference requires a doc comment on every hand-written export (TypeDoc's
// notDocumented validation fails the build). Generated code (src/generated/) is documented by its spec —
// descriptions become comments — and where a spec says nothing the gap is the spec's: those declarations
// are exempted by name and counted in the log, so they cannot hide a hand-written export without one.
import { Converter } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_END, (context) => {
    const project = context.project;
    const generated = [];
    for (const reflection of Object.values(project.reflections)) {
      if (reflection.hasComment()) continue;
      // Members have no symbol of their own in some cases: their declaration's file is their parent's.
      let owner = reflection;
      let id = project.getSymbolIdFromReflection(owner);
      while (id === undefined && owner.parent !== undefined) {
        owner = owner.parent;
        id = project.getSymbolIdFromReflection(owner);
      }
      if (id?.packagePath.includes('/generated/')) generated.push(reflection.getFriendlyFullName());
    }
    const names = new Set([...app.options.getValue('intentionallyNotDocumented'), ...generated]);
    app.options.setValue('intentionallyNotDocumented', [...names]);
    app.logger.info(`${generated.length} generated declarations have no description in their spec`);
  });
}
