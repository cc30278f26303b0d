// Signing out ends every data-export link the member made: a copied link is worthless after logout.
import type { CollectionAfterLogoutHook } from 'payload'

export const forgetExportLinks: CollectionAfterLogoutHook = async ({ req }) => {
  if (!req.user) return
  await req.payload.delete({ collection: 'data-exports', where: { member: { equals: req.user.id } }, overrideAccess: true, req })
}
