// Demo local crisis services, one per locality, marked isDemo so a real site checks or deletes them.
import type { Payload } from 'payload'

const SEED_CONTEXT = { seed: true, disableEmail: true }

export async function seedCrisisServices(payload: Payload, localityIds: Map<string, number | string>): Promise<void> {
  for (const [slug, locality] of localityIds) {
    const found = await payload.count({ collection: 'crisis-services', where: { locality: { equals: locality } }, overrideAccess: true })
    if (found.totalDocs > 0) continue
    await payload.create({
      collection: 'crisis-services',
      data: {
        locality: locality as never,
        name: 'NHS mental health crisis line (Lancashire and South Cumbria)',
        phone: '0800 953 0110',
        hours: '24 hours, every day',
        note: slug === 'lancashire-county' ? 'For anyone in Lancashire' : 'Urgent mental health help, for any age',
        order: 0,
        isDemo: true,
      },
      overrideAccess: true,
      context: SEED_CONTEXT,
    })
  }
}
